export { PresetAnnouncer } from './PresetAnnouncer';
export { PresetStore } from './PresetStore';
