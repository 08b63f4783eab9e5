import type {
  SearchDocument,
  SearchResult,
} from '@backstage/plugin-search-common';

/**
 * A catalog search document of an environment. `owner`, `kind` and `type` come from the catalog
 * collator; `cloud`, `region` and `tier` from the Terrace entity transformer, which copies the
 * entity's terrace.dev/* annotations into the document.
 * @public
 */
export interface EnvironmentSearchDocument extends SearchDocument {
  kind?: string;
  type?: string;
  owner?: string;
  cloud?: string;
  region?: string;
  tier?: string;
}

/** @public True for a catalog search result that is a Terrace environment. */
export function isEnvironmentSearchResult(result: SearchResult): boolean {
  const doc = result.document as EnvironmentSearchDocument & {
    componentType?: string;
  };
  return (
    result.type === 'software-catalog' &&
    (doc.kind ?? '').toLocaleLowerCase('en-US') === 'resource' &&
    (doc.type === 'environment' || doc.componentType === 'environment')
  );
}
