import { createDataset, type Dataset } from '../../data/dataset.js';
import { IRIS_CLASSES, IRIS_ROWS } from './iris-data.js';

/**
 * Fisher's Iris flowers (150 rows, 4 measurements in cm, 3 species of 50). The rows ship inside
 * bonito (3 KB), so this works offline, in browsers and with no data package installed.
 *
 * @returns a classification dataset; classes `setosa`, `versicolor`, `virginica`.
 * @example
 * ```ts
 * const iris = loadIris();
 * iris.n; // 150
 * iris.d; // 4
 * ```
 */
export function loadIris(): Dataset {
  return createDataset({
    name: 'iris',
    task: 'classification',
    x: IRIS_ROWS.map((r) => r.slice(0, 4)),
    y: IRIS_ROWS.map((r) => r[4]),
    featureNames: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
    classNames: [...IRIS_CLASSES],
    targetName: 'species',
  });
}
