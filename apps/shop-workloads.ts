import { Service, ServiceSelectOptions, Workload } from '../lib';

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

/**
 * The shop's Services, as the deploying team defines them (shop-deployments.ts writes them
 * out): the port callers use, and the container port it delivers to, by name. A policy
 * must allow the pod port, never the Service `port`.
 */
export const SHOP_SERVICES = {
  web: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  api: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  payments: { selector: { app: 'payments' }, ports: [{ name: 'https', port: 443, targetPort: 'https' }] },
  postgres: { selector: { app: 'postgres' }, ports: [{ name: 'postgres', port: 5432 }] },
} satisfies Record<string, ServiceSelectOptions>;

/**
 * The same Services for the policies: as pods or a peer they stand for the pods they
 * select, and a rule's ports default to their target ports.
 */
export const shopServices = {
  web: Service.select('web', SHOP_SERVICES.web),
  api: Service.select('api', SHOP_SERVICES.api),
  payments: Service.select('payments', SHOP_SERVICES.payments),
  postgres: Service.select('postgres', SHOP_SERVICES.postgres),
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
