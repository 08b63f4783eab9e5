export {
  EntityEnvironmentBackupsCard,
  BackupHealthStatus,
} from './EntityEnvironmentBackupsCard';
