export { EntityEnvironmentPlanCard } from './EntityEnvironmentPlanCard';
