import type { Problem } from '@/client/types.gen';

import { formatTime } from './dates';

const SESSION_ENDED_TYPES = ['/unauthenticated', '/session-expired'];

/**
 * Every failed API call is thrown as an ApiError carrying the server's RFC 9457 problem,
 * or one made up here when the server could not be reached or answered something else.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** A 401 meaning there is no session (any more), unlike a wrong password or code. */
  get sessionEnded(): boolean {
    return this.status === 401 && SESSION_ENDED_TYPES.some((suffix) => this.problem.type.endsWith(suffix));
  }

  /** The problem type's last segment, e.g. `invalid-challenge`. */
  get kind(): string {
    return this.problem.type.split('/').pop() ?? '';
  }
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.status === 'number' && typeof candidate.detail === 'string' && typeof candidate.type === 'string';
}

/** Turns whatever the fetch client reports (a problem body, text, a network failure) into an ApiError. */
export function toApiError(error: unknown, response: Response | undefined): ApiError {
  if (error instanceof ApiError) return error;
  if (isProblem(error)) return new ApiError(error);
  if (response === undefined) {
    return new ApiError({
      type: 'about:blank#network',
      title: 'No connection',
      status: 0,
      detail: 'The server could not be reached. Check your connection and try again.',
    });
  }
  return new ApiError({
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: `The server answered with an unexpected error (HTTP ${response.status}). Please try again.`,
  });
}

/** A readable message for any thrown value. A lockout's end is said in the reader's own time. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError && error.kind === 'locked' && error.problem.until) {
    return `Sign-in is locked until ${formatTime(error.problem.until)}.`;
  }
  if (error instanceof ApiError) return error.problem.detail;
  return 'Something went wrong. Please try again.';
}
