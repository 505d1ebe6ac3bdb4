/** The requests of the distributed suite: a session as a centre opens it, and an ENGINEER declaration of 北京智源科技有限公司. */
import { engineerDeclaration as declaration } from '@bj/test-fixtures';

export { sessionDefinition } from '@bj/test-fixtures';

/** Master's degree, two years of AI research: eligible for ENGINEER by route ENGINEER.EDU.2; `title` names its research project. */
export function engineerDeclaration(title: string) {
  const d = declaration();
  return { ...d, performance: [{ ...d.performance[0], title }] };
}
