export { EnvironmentSearchResultListItem } from './EnvironmentSearchResultListItem';
export type { EnvironmentSearchResultListItemProps } from './EnvironmentSearchResultListItem';
export { isEnvironmentSearchResult } from './isEnvironmentSearchResult';
export type { EnvironmentSearchDocument } from './isEnvironmentSearchResult';
