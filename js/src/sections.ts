/** The panel's sections, in tab order: a new section (Models, say) is one more file and one more line here. */
import { jobsSection } from './jobs';
import { modelsSection } from './models';
import { runsSection } from './runs';
import type { ISection } from './section';
import { statusSection } from './status';

export const SECTIONS: (() => ISection)[] = [runsSection, jobsSection, modelsSection, statusSection];
