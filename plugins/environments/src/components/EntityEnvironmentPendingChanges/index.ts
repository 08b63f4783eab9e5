export {
  EntityEnvironmentPendingChanges,
  applyChangeFormUrl,
} from './EntityEnvironmentPendingChanges';
