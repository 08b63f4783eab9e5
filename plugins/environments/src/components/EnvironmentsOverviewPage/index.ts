export {
  EnvironmentsOverviewPage,
  EnvironmentsOverviewContent,
} from './EnvironmentsOverviewPage';
