/** Folders of an object store are key prefixes ending in `/`: the steps from the bucket down to one. */
export type Crumb = { label: string; prefix: string };

export function crumbsOf(prefix: string): Crumb[] {
  const parts = prefix.split('/').filter((part) => part !== '');
  return parts.map((part, index) => ({ label: part, prefix: `${parts.slice(0, index + 1).join('/')}/` }));
}

export type ObjectSort = 'name' | '-name' | 'size' | '-size' | 'modified' | '-modified';
