import { Progress, type MantineSize } from '@mantine/core';

import { quotaColor, type QuotaLevel } from '@/lib/quota-levels';
import { formatPercent } from '@/lib/units';

type QuotaBarProps = {
  /** The bar's accessible name, e.g. "Account quota". */
  label: string;
  /** The share of the quota used, in percent (over 100 when over quota); null before the first measurement. */
  percent: number | null;
  /** How full, by the quota's own thresholds (the server's `level`). */
  level: QuotaLevel;
  size?: MantineSize;
};

/**
 * How much of a quota is used: yellow from the warning threshold, red from the critical one. The
 * whole track is the progress bar, so it is there (and named) at 0 % too, and says the share beyond 100 %.
 */
export function QuotaBar({ label, percent, level, size }: QuotaBarProps) {
  const used = percent ?? 0;
  const shown = Math.min(100, Math.max(0, used));
  return (
    <Progress.Root
      size={size}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={shown}
      aria-valuetext={percent === null ? 'Not measured yet' : formatPercent(used / 100)}
    >
      <Progress.Section value={shown} color={quotaColor(level)} withAria={false} />
    </Progress.Root>
  );
}
