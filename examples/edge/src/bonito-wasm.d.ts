// The worker imports bonito's core as the workerd module named `bonito.wasm` (see build.ts),
// which workerd hands over as a compiled WebAssembly.Module.
declare module 'bonito.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
