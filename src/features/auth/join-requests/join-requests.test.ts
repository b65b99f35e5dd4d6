import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canReviewJoinRequests, grantableRoles } from "./join-requests.policy.ts";
import { checkAcceptance, checkJoinForm, checkRefusal, decodeJoinIdentity, encodeJoinIdentity, UNSURE, waitingDays, waitingText } from "./join-requests.ts";

const STRUCTURE = "0b0e7c4e-5b8a-4a51-9b41-0c2f2d6f7a11";
const now = new Date("2026-12-06T10:00:00Z");

describe("requests to join", () => {
  it("asks the agent for a role among the proposed ones, or « I don't know »; the message is optional and bounded", () => {
    assert.deepEqual(checkJoinForm({ role: "", message: "" }).errors, { role: "Indiquez votre rôle, ou « Je ne sais pas »." });
    assert.ok(checkJoinForm({ role: "admin", message: "" }).errors?.role, "an agent cannot ask to be admin");
    assert.deepEqual(checkJoinForm({ role: UNSURE, message: "" }).input, { requestedRole: null, message: null });
    assert.deepEqual(checkJoinForm({ role: "advisor", message: "Bonjour" }).input, { requestedRole: "advisor", message: "Bonjour" });
    assert.match(checkJoinForm({ role: "advisor", message: "x".repeat(1001) }).errors?.message ?? "", /1000 caractères au plus/);
  });

  it("makes the coordinator choose the role, a structure for scoped roles, none for network-wide roles", () => {
    const options = { grantable: grantableRoles([{ role: "coordinator", structureId: null }]), structures: new Map([[STRUCTURE, "association" as const]]) };
    assert.ok(checkAcceptance({ role: "", structure_id: STRUCTURE }, options).errors?.role);
    assert.ok(checkAcceptance({ role: "admin", structure_id: "" }, options).errors?.role, "a coordinator cannot make an admin");
    assert.ok(checkAcceptance({ role: "advisor", structure_id: "" }, options).errors?.structure_id);
    assert.ok(checkAcceptance({ role: "advisor", structure_id: "6f1f9d1e-0000-4000-8000-000000000000" }, options).errors?.structure_id);
    assert.deepEqual(checkAcceptance({ role: "advisor", structure_id: STRUCTURE }, options).acceptance, { role: "advisor", structureId: STRUCTURE });
    assert.deepEqual(checkAcceptance({ role: "state_reader", structure_id: STRUCTURE }, options).acceptance, { role: "state_reader", structureId: null });
  });

  it("gives a partner's agent role only on a partner structure, and no advisor or manager role there", () => {
    const CAF = "7a2b9d1e-0000-4000-8000-000000000000";
    const options = { grantable: grantableRoles([{ role: "coordinator", structureId: null }]), structures: new Map([[STRUCTURE, "association" as const], [CAF, "partner" as const]]) };
    assert.match(checkAcceptance({ role: "partner_agent", structure_id: STRUCTURE }, options).errors?.structure_id ?? "", /structure partenaire/);
    assert.match(checkAcceptance({ role: "advisor", structure_id: CAF }, options).errors?.structure_id ?? "", /Agent d'un partenaire/);
    assert.ok(checkAcceptance({ role: "structure_manager", structure_id: CAF }, options).errors?.structure_id);
    assert.deepEqual(checkAcceptance({ role: "partner_agent", structure_id: CAF }, options).acceptance, { role: "partner_agent", structureId: CAF });
  });

  it("lets only the coordination and admins review, and only admins make admins", () => {
    assert.equal(canReviewJoinRequests([{ role: "state_reader", structureId: null }]), false);
    assert.equal(canReviewJoinRequests([{ role: "structure_manager", structureId: STRUCTURE }]), false);
    assert.equal(canReviewJoinRequests([{ role: "coordinator", structureId: null }]), true);
    assert.ok(grantableRoles([{ role: "admin", structureId: null }]).includes("admin"));
    assert.deepEqual(grantableRoles([{ role: "advisor", structureId: STRUCTURE }]), []);
  });

  it("requires a refusal reason", () => {
    assert.ok(checkRefusal("   ").error);
    assert.equal(checkRefusal(" Hors réseau ").reason, "Hors réseau");
  });

  it("counts whole days of waiting", () => {
    assert.equal(waitingDays(new Date(now.getTime() - 86_399_000), now), 0);
    assert.equal(waitingDays(new Date(now.getTime() - 3 * 86_400_000), now), 3);
    assert.deepEqual([0, 1, 4].map(waitingText), ["moins d'un jour", "1 jour", "4 jours"]);
  });

  it("reads back the identity cookie until it expires", () => {
    const identity = { sub: "s", email: "a@b.fr", givenName: "A", usualName: null, siret: null, uid: "u", expiresAt: now.getTime() + 1000 };
    assert.deepEqual(decodeJoinIdentity(encodeJoinIdentity(identity), now), identity);
    assert.equal(decodeJoinIdentity(encodeJoinIdentity(identity), new Date(now.getTime() + 1000)), null);
    assert.equal(decodeJoinIdentity("not-json", now), null);
  });
});
