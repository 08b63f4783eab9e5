export { EntityEnvironmentContent } from './EntityEnvironmentContent';
