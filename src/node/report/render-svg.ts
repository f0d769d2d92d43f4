// Vega-Lite -> SVG in Node, headless: vega's scenegraph is serialized without a canvas or DOM.
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { VegaLiteSpec } from '../../report/specs.js';

/**
 * Renders a Vega-Lite spec to SVG text (no browser, no network: data must be inline).
 * @param spec - a Vega-Lite specification.
 * @returns the SVG document.
 * @example
 * ```ts
 * const svg = await renderSvg(studyPlotSpecs(study).history);
 * ```
 */
export async function renderSvg(spec: VegaLiteSpec | vl.TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec as unknown as vl.TopLevelSpec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
