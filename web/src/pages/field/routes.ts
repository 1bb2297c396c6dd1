import type { RouteRecordRaw } from 'vue-router';

/** Field service in the console: the technician app at /tech (no desk chrome) and the dispatcher's pages. */
export const fieldRoutes: RouteRecordRaw[] = [
  {
    path: '/tech',
    component: () => import('../tech/TechApp.vue'),
    meta: { bare: true },
    children: [
      { path: '', component: () => import('../tech/TechJobsPage.vue'), meta: { bare: true } },
      { path: 'jobs/:number(\\d+)', component: () => import('../tech/TechJobPage.vue'), meta: { bare: true }, props: (route) => ({ number: Number(route.params.number) }) },
    ],
  },
  // The link mailed with a service report: no account needed.
  { path: '/rate/:orgId/:number(\\d+)/:token', component: () => import('./RateVisitPage.vue'), meta: { public: true, bare: true }, props: (route) => ({ orgId: String(route.params.orgId), number: Number(route.params.number), token: String(route.params.token) }) },
  { path: '/field/work-orders', component: () => import('./WorkOrdersPage.vue') },
  { path: '/field/work-orders/:number(\\d+)', component: () => import('./WorkOrderDetailPage.vue'), props: (route) => ({ number: Number(route.params.number) }) },
  { path: '/field/assets', component: () => import('./AssetsPage.vue') },
  { path: '/field/technicians', component: () => import('./TechniciansPage.vue') },
  { path: '/field/stock', component: () => import('./StockPage.vue') },
];
