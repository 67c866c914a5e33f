export { PresetStore } from './PresetStore';
export { presetHandlers } from './handlers';
