import type { RequestSeries } from '@/client/types.gen';
import { paths } from '@/config/paths';
import { useUnreadNotificationCount } from '@/features/notifications/api/count-unread-notifications';
import { formatCount } from '@/lib/units';

import { seriesTimes, totalRequests } from './series-figures';
import { Sparkline } from './sparkline';
import { LOADING, StatCard } from './stat-card';

/** Requests of the last 24 hours (the platform's or an account's), with their hourly shape. */
export function RequestsCard({ series, to }: { series: RequestSeries | undefined; to: string }) {
  const count = totalRequests(series);
  return (
    <StatCard
      title="Requests, last 24 hours"
      to={to}
      linkLabel="View request charts"
      value={count === null ? LOADING : formatCount(count)}
    >
      <Sparkline times={series && seriesTimes(series.points)} values={series?.points.map((point) => point.requests)} />
    </StatCard>
  );
}

/** The signed-in person's unread alerts, the same count as the header's bell. */
export function AlertsCard() {
  const unread = useUnreadNotificationCount();
  return (
    <StatCard
      title="Alerts"
      to={paths.notifications.getHref()}
      value={unread.data === undefined ? LOADING : formatCount(unread.data)}
      note="unread"
    />
  );
}
