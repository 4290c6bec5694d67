/**
 * Turns a suppressed per-question summary into the shape each SurveyJS Dashboard visualizer expects
 * from its data provider; each kind of question gives its own (analysis/question-kinds/).
 */
import type { QuestionSummary } from '../../../analysis/aggregate-types.ts';
import { emptyShape, type DashboardShape, type GaugeRange, type VisualizerType } from '../../../analysis/question-kinds/dashboard-parts.ts';
import { withModule } from '../../../analysis/question-kinds/registry.ts';

export {
  emptyShape, histogramShape, VISUALIZER_TYPES, wordCounts,
  type CountsShape, type DashboardShape, type GaugeRange, type MatrixShape, type NumberShape, type TextShape, type VisualizerType,
} from '../../../analysis/question-kinds/dashboard-parts.ts';

/** The data-provider answer for one visualizer of one question; `range` is for number gauges. */
export function dashboardShape(summary: QuestionSummary, visualizer: VisualizerType, range?: GaugeRange): DashboardShape {
  if (summary.suppressed) return emptyShape(visualizer);
  return withModule(summary, (m, shown) => m.dashboard(shown, visualizer, range));
}
