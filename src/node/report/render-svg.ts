// Vega-Lite -> SVG in Node, headless: vega's scenegraph is serialized without a canvas or DOM.
// vega and vega-lite are optional peers of bonito, imported on first use so that `bonito/node`
// loads without them.
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import { MissingDependencyError, isMissingModule } from '../../errors.js';
import type { VegaLiteSpec } from '../../report/specs.js';

/** The versions bonito's reports are tested with. @internal */
export const VEGA_PEERS = ['vega@6.4.0', 'vega-lite@6.4.3'] as const;

let loaded: Promise<{ vega: typeof Vega; vl: typeof VegaLite }> | undefined;

async function loadVega(): Promise<{ vega: typeof Vega; vl: typeof VegaLite }> {
  try {
    const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
    return { vega, vl };
  } catch (error) {
    if (isMissingModule(error, 'vega') || isMissingModule(error, 'vega-lite'))
      throw new MissingDependencyError('The study report (bonito report, writeStudyReport, renderSvg)', VEGA_PEERS, error);
    throw error;
  }
}

/**
 * Renders a Vega-Lite spec to SVG text (no browser, no network: data must be inline).
 * @param spec - a Vega-Lite specification.
 * @returns the SVG document.
 * @throws MissingDependencyError when vega or vega-lite is not installed.
 * @example
 * ```ts
 * const svg = await renderSvg(studyPlotSpecs(study).history);
 * ```
 */
export async function renderSvg(spec: VegaLiteSpec | VegaLite.TopLevelSpec): Promise<string> {
  loaded ??= loadVega();
  loaded.catch(() => (loaded = undefined));
  const { vega, vl } = await loaded;
  const view = new vega.View(vega.parse(vl.compile(spec as unknown as VegaLite.TopLevelSpec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
