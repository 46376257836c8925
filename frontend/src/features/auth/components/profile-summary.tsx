import type { Me } from '@/client/types.gen';
import { FactsTable, type Fact } from '@/components/facts-table';
import { roleLabel } from '@/lib/authorization';
import { formatDateTime } from '@/lib/dates';

function When({ value, testId }: { value: string; testId: string }) {
  return (
    <time dateTime={value} data-testid={testId}>
      {formatDateTime(value)}
    </time>
  );
}

/** Who is signed in, in which role, and until when. */
export function ProfileSummary({ me }: { me: Me }) {
  const rows: Fact[] = [
    ['Name', me.display_name],
    ['Username', me.username],
    ['Email', me.email],
    ['Role', roleLabel(me.role)],
    ['Account', me.account_id ?? 'None (platform user)'],
    ['Signed in at', <When value={me.session.signed_in_at} testId="session-signed-in-at" />],
    ['Session ends at', <When value={me.session.expires_at} testId="session-expires-at" />],
    ['Session ends at the latest', <When value={me.session.absolute_expires_at} testId="session-absolute-expires-at" />],
  ];
  return <FactsTable facts={rows} />;
}
