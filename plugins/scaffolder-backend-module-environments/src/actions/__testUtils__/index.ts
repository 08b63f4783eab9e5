export { checkpointStore, mockContext } from './context';
export { createLocalEnvironment } from './localEnvironment';
