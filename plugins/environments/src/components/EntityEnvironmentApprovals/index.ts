export { EntityEnvironmentApprovals } from './EntityEnvironmentApprovals';
