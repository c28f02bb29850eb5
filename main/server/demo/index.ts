// The demo retailer: sign-ins for every role and the generator that fills an empty database.
export { DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS, type DemoUser } from './users.ts';
export { DEFAULT_DEMO_SEED, DatabaseNotEmptyError, seedDemo, type DemoSummary, type SeedDemoOptions } from './seedDemo.ts';
