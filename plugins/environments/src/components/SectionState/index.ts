export { SectionState } from './SectionState';
export type { SectionStateProps } from './SectionState';
