import type { MantineColor } from '@mantine/core';

import type { AccountQuota } from '@/client/types.gen';

/**
 * The alert thresholds a quota gets unless it is set with others (the server's defaults): the quota
 * form starts from them.
 */
export const DEFAULT_WARNING_PERCENT = 80;
export const DEFAULT_CRITICAL_PERCENT = 90;

/** How full a quota is, as the server decides it with the quota's own thresholds (one rule everywhere). */
export type QuotaLevel = AccountQuota['level'];

const LEVEL_COLOURS: Record<QuotaLevel, MantineColor> = {
  ok: 'indigo',
  warning: 'yellow',
  critical: 'red',
  exceeded: 'red',
};

/** A quota bar's colour: yellow from the warning threshold, red from the critical one. */
export function quotaColor(level: QuotaLevel): MantineColor {
  return LEVEL_COLOURS[level];
}
