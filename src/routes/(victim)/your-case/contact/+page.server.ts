import { fail } from '@sveltejs/kit';
import { newId } from '$lib/domain';
import { db } from '$lib/server/db';
import {
	changedChoices,
	formValuesOf,
	readContactForm,
	typedValues,
	type ContactFormErrors,
	type ContactFormValues
} from '$lib/server/portal/contact-form';
import { portalCaseOf } from '$lib/server/queries/victim-portal';
import { applyFromPortal } from '$lib/server/sync/portal';
import type { Actions, PageServerLoad } from './$types';

/** The form as it stands for the victim's current choices (and the version they are at). */
export const load: PageServerLoad = async ({ parent }) => {
	const { portal } = await parent();
	return {
		shown: portal ? formValuesOf(portal.contact) : null,
		version: portal?.contact.version ?? 0
	};
};

type Failure = {
	values: ContactFormValues;
	errors?: ContactFormErrors;
	outcome?: 'stale' | 'refused';
};

export const actions: Actions = {
	/**
	 * "How we contact you": the changed choices go through `victim.update` with the version the
	 * page was shown at, so a change the caseworker made meanwhile to the same detail is kept as a
	 * conflict for them to settle with the victim, never silently overwritten.
	 */
	default: async ({ request, locals }) => {
		const user = locals.user!;
		const form = await request.formData();
		const values = typedValues(form);
		const read = readContactForm(values);
		if (!read.ok) return fail(400, { values, errors: read.errors } satisfies Failure);

		const found = user.victimId ? await portalCaseOf(db(), user.victimId) : null;
		if (!found) return fail(404, { values, outcome: 'refused' } satisfies Failure);
		const baseVersion = Number(form.get('baseVersion'));
		if (!Number.isInteger(baseVersion) || baseVersion < 0 || baseVersion > found.victimVersion)
			return fail(400, { values, outcome: 'stale' } satisfies Failure);
		// What the form was showing: the shown choices when the page is current, else what the
		// victim's browser says it showed (only to tell which fields they changed).
		const before = parseShown(form.get('shown')) ?? formValuesOf(found.safeContact);
		const changes = changedChoices(
			before,
			values,
			read.choices,
			found.safeContact.safeTimes.slice(1)
		);
		if (Object.keys(changes).length === 0) return { saved: 'unchanged' as const };

		const result = await applyFromPortal(db(), user, {
			name: 'victim.update',
			args: {
				victimId: user.victimId,
				caseId: found.caseId,
				baseVersion,
				changeId: newId(),
				values: changes,
				changedAt: new Date().toISOString()
			}
		});
		if (result.status === 'rejected')
			return fail(400, { values, outcome: 'refused' } satisfies Failure);
		return { saved: result.status === 'conflict' ? ('conflict' as const) : ('saved' as const) };
	}
};

function parseShown(raw: FormDataEntryValue | null): ContactFormValues | null {
	if (typeof raw !== 'string') return null;
	try {
		const v = JSON.parse(raw) as Partial<ContactFormValues>;
		const strings = ['channel', 'phone', 'email', 'from', 'to', 'voicemail', 'voicemailMessage'];
		if (
			strings.every((k) => typeof v[k as keyof ContactFormValues] === 'string') &&
			Array.isArray(v.days) &&
			v.days.every((d) => typeof d === 'string')
		)
			return v as ContactFormValues;
	} catch {
		// Not what the page sent: fall back to the current choices.
	}
	return null;
}
