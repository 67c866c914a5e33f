export { CounterLog, type CounterName } from './CounterLog';
export { statsHandlers } from './handlers';
export { distribution, readStats } from './readStats';
