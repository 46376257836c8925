import type { MantineColor } from '@mantine/core';

/**
 * The alert thresholds a quota gets unless it is set with others (the server's defaults). The quota
 * view does not return the thresholds in force, so bars change colour at these.
 */
export const DEFAULT_WARNING_PERCENT = 80;
export const DEFAULT_CRITICAL_PERCENT = 90;

/** A quota bar's colour at `percent` of the quota: yellow from the warning threshold, red from the critical one. */
export function quotaColor(percent: number): MantineColor {
  if (percent >= DEFAULT_CRITICAL_PERCENT) return 'red';
  if (percent >= DEFAULT_WARNING_PERCENT) return 'yellow';
  return 'indigo';
}
