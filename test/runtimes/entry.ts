// What each runtime test loads, bundled: the probe plus the loader entry points.
export { probe, studyProbe, constrainedStudyProbe, multiObjectiveStudyProbe } from './probe.js';
export { init, initSync, isInitialized, wasmModule } from '../../src/index.js';
