import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

import type { SignInStep } from '@/client/types.gen';
import { paths } from '@/config/paths';
import type { ApiError } from '@/lib/api-error';
import { safeReturnTo } from '@/lib/return-to';

const STEP_HREFS: Record<SignInStep['step'], string> = {
  change_password: paths.signInPassword.getHref(),
  enroll_mfa: paths.signInEnroll.getHref(),
  mfa: paths.signInMfa.getHref(),
};

/** Shown on the sign-in page when the flow had to start over. */
export type SignInNotice = { notice: string };

type SignInFlow = {
  /** The current step's challenge token: 5 minutes, single purpose, kept in memory only. */
  challenge: string | null;
  /** At the enrollment step: neither the platform nor the account requires MFA, so it may be put off. */
  mfaOptional: boolean;
  /** Takes the step the server answered with and goes to its page. */
  advance: (step: SignInStep) => void;
  /** Goes to the page asked for (`?next=`, checked) or the overview; leaving drops the flow and its challenge. */
  finish: () => void;
  /** When the challenge has expired or was refused, starts again at the first step; says whether it did. */
  restartIfChallengeRefused: (error: ApiError) => boolean;
};

const SignInFlowContext = createContext<SignInFlow | null>(null);

export function SignInFlowProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  // Read once, on the first step's URL: the later steps' URLs do not carry it.
  const [returnTo] = useState(() => safeReturnTo(searchParams.get('next')));
  const [challenge, setChallenge] = useState<string | null>(null);
  const [mfaOptional, setMfaOptional] = useState(false);

  const advance = useCallback(
    (step: SignInStep) => {
      setChallenge(step.challenge);
      setMfaOptional(step.mfa_optional ?? false);
      void navigate(STEP_HREFS[step.step]);
    },
    [navigate],
  );

  // Neither finish nor restart clears the challenge first: the step page would re-render without it
  // and redirect on its own while the navigation below is still loading its route.
  const finish = useCallback(() => {
    void navigate(returnTo ?? paths.overview.getHref(), { replace: true });
  }, [navigate, returnTo]);

  const restartIfChallengeRefused = useCallback(
    (error: ApiError) => {
      if (error.kind !== 'invalid-challenge') return false;
      const state: SignInNotice = { notice: error.problem.detail };
      void navigate(paths.signIn.getHref(), { replace: true, state });
      return true;
    },
    [navigate],
  );

  const flow = useMemo(
    () => ({ challenge, mfaOptional, advance, finish, restartIfChallengeRefused }),
    [challenge, mfaOptional, advance, finish, restartIfChallengeRefused],
  );
  return <SignInFlowContext value={flow}>{children}</SignInFlowContext>;
}

export function useSignInFlow(): SignInFlow {
  const flow = useContext(SignInFlowContext);
  if (flow === null) throw new Error('useSignInFlow must be used inside SignInFlowProvider');
  return flow;
}
