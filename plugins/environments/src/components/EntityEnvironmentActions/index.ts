export { EntityEnvironmentActions } from './EntityEnvironmentActions';
