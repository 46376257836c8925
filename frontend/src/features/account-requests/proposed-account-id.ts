/**
 * The account id the server derives from a requested name when staff leave it empty
 * (`account_id_from_name` in `coffer/requests/service.py`): the name's lowercase letters and
 * digits, without leading digits, at most 20. Shown as a proposal only; the server checks the id.
 */
export function proposedAccountId(accountName: string): string {
  return accountName
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/^[0-9]+/, '')
    .slice(0, 20);
}
