export { EntityEnvironmentAlarmsCard } from './EntityEnvironmentAlarmsCard';
