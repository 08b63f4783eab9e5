export { EntityEnvironmentResourcesCard } from './EntityEnvironmentResourcesCard';
