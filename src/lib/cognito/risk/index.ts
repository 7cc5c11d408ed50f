/**
 * Threat protection (Plus plan): a deterministic, explainable risk engine for the user-pool sandbox.
 *
 * Module map: context-data.ts (UserContextData / ContextData, the sandbox's EncodedData form) · network.ts (IP
 * addresses and CIDR ranges) · geo.ts (the bundled IP → place table) · score.ts (factors, points, levels) ·
 * breached-passwords.ts (the lazily loaded breached-password list) · config.ts (modes, Set/DescribeRiskConfiguration)
 * · assess.ts (decisions, actions, events, the `RiskEvaluated` trace) · notify.ts (the notification email) ·
 * feedback.ts (Update/AdminUpdateAuthEventFeedback).
 */
import type { Handler } from '../user-pools/state';
import { RISK_CONFIGURATION_HANDLERS } from './config';
import { FEEDBACK_HANDLERS } from './feedback';

export { assessNewPassword, assessSignIn, refuseBlockedAddress, type SignInRisk } from './assess';
export { protectionMode } from './config';
export { readClientContext, type ClientContext } from './context-data';
export { LOCATION_TABLE } from './geo';

/** Threat protection operations by name. */
export const RISK_HANDLERS: Record<string, Handler> = {
	...RISK_CONFIGURATION_HANDLERS,
	...FEEDBACK_HANDLERS,
};
