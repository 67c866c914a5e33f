export { PresetStore } from './PresetStore';
