import { LabelMatcher, LabelSelector, Labels, compileSelector, selectorKey } from '../model';
import { Bitset } from './bitset';
import { EndpointClasses } from './endpoint-classes';
import { PeerTerm } from './compiled-policy';

/**
 * Answers "which endpoint classes does this selector (peer, ipBlock) pick?" as bitsets.
 * Each distinct selector is compiled once, and each distinct question is answered once;
 * pod selectors are only evaluated on classes of the namespaces in question.
 */
export class ClassSelection {
  private readonly matchers = new Map<string, LabelMatcher>();
  private readonly answers = new Map<string, Bitset>();
  private readonly namespaces: readonly string[];

  constructor(
    private readonly endpointClasses: EndpointClasses,
    private readonly namespaceLabels: (namespace: string) => Labels,
  ) {
    this.namespaces = [...endpointClasses.byNamespace.keys()].sort();
  }

  get size(): number {
    return this.endpointClasses.classes.length;
  }

  /** Classes in `namespace` whose pod labels match the selector (a policy's spec.podSelector or a lone podSelector peer). */
  podsInNamespace(namespace: string, podSelector: LabelSelector): Bitset {
    return this.memo(`pods ${namespace} ${selectorKey(podSelector)}`, () => this.podsIn([namespace], podSelector));
  }

  /** The classes a peer term picks, for a rule of a policy in `policyNamespace`. */
  peer(policyNamespace: string, term: PeerTerm): Bitset {
    if (term.kind === 'ipBlock') {
      return this.memo(`ipBlock ${term.block}`, () => {
        const set = new Bitset(this.size);
        for (const endpointClass of this.endpointClasses.classes) {
          if (endpointClass.ipBlocks.includes(term.block)) {
            set.add(endpointClass.index);
          }
        }
        return set;
      });
    }
    if (term.namespaceSelector === undefined) {
      return this.podsInNamespace(policyNamespace, term.podSelector ?? {});
    }
    const namespaceSelector = term.namespaceSelector;
    const podSelector = term.podSelector ?? {};
    return this.memo(`peer ${selectorKey(namespaceSelector)} / ${selectorKey(podSelector)}`, () => {
      const matchesNamespace = this.matcher(namespaceSelector);
      return this.podsIn(this.namespaces.filter((namespace) => matchesNamespace(this.namespaceLabels(namespace))), podSelector);
    });
  }

  private podsIn(namespaces: readonly string[], podSelector: LabelSelector): Bitset {
    const matches = this.matcher(podSelector);
    const set = new Bitset(this.size);
    for (const namespace of namespaces) {
      for (const index of this.endpointClasses.byNamespace.get(namespace) ?? []) {
        if (matches(this.endpointClasses.classes[index].labels)) {
          set.add(index);
        }
      }
    }
    return set;
  }

  private matcher(selector: LabelSelector): LabelMatcher {
    const key = selectorKey(selector);
    let matcher = this.matchers.get(key);
    if (!matcher) {
      matcher = compileSelector(selector);
      this.matchers.set(key, matcher);
    }
    return matcher;
  }

  private memo(key: string, compute: () => Bitset): Bitset {
    let answer = this.answers.get(key);
    if (!answer) {
      answer = compute();
      this.answers.set(key, answer);
    }
    return answer;
  }
}
