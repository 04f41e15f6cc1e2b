import { Workload } from '../lib';

/**
 * The shop's workloads, by the pod labels their Deployments carry. Every policy below refers
 * to these, so a label changes in one place.
 */
export const shop = {
  web: Workload.select({ app: 'web' }),
  api: Workload.select({ app: 'api' }),
  postgres: Workload.select({ app: 'postgres' }),
  payments: Workload.select({ app: 'payments' }),
};

/** Prometheus, scraping metrics from the monitoring namespace. */
export const prometheus = Workload.select({ 'app.kubernetes.io/name': 'prometheus' }, { namespace: 'monitoring', name: 'prometheus' });

/** The ingress controller that forwards outside traffic to the shop's web pods. */
export const ingressController = Workload.select(
  { 'app.kubernetes.io/name': 'ingress-nginx' },
  { namespace: 'ingress-nginx', name: 'ingress-nginx' },
);

/** The port the shop's services expose metrics on. */
export const METRICS_PORT = 9090;
