export {
  ChangeEnvironmentButton,
  updateEnvironmentFormUrl,
} from './ChangeEnvironmentButton';
