// The test build (build/bonito-test.wasm, never shipped): everything assembly/index.ts exports, plus
// kernels that only tests call directly. The shipped core reaches these through other kernels (or
// not at all), so exporting them from it would cost bytes every user downloads; tests still pin
// each one against a plain reference. test/helpers/test-exports.ts, their TypeScript view, is
// generated from this build by `npm run build:wasm`.

export * from './index';

export { linalg_dot, linalg_axpy, linalg_chol_factor, linalg_solve_lower_many } from './linalg';
export { kernel_matrix, kernel_gram, kernel_grad_x, kernel_grad_hyper } from './kernel';
export { acquisition_log_h, acquisition_log_h_derivative } from './acquisition';
