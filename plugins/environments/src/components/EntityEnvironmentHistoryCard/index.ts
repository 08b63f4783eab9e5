export {
  EntityEnvironmentHistoryCard,
  costDeltaText,
} from './EntityEnvironmentHistoryCard';
