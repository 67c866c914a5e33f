export { CounterLog, type CounterName } from './CounterLog';
export { distribution, readStats } from './readStats';
