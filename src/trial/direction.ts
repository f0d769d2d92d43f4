/** Whether the study minimizes or maximizes its objective. */
export type Direction = 'minimize' | 'maximize';

/**
 * +1 for `'minimize'`, -1 for `'maximize'`: multiply a value by it and "smaller is better"
 * holds for both directions.
 */
export function directionSign(direction: Direction): 1 | -1 {
  return direction === 'minimize' ? 1 : -1;
}
