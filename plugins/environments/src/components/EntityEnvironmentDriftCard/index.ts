export {
  EntityEnvironmentDriftCard,
  DriftStatus,
} from './EntityEnvironmentDriftCard';
