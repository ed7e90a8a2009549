import { z } from 'zod';
import { Email, Id, Instant, text } from './primitives';
import { ROLES } from './roles';

export const Team = z.object({
	id: Id,
	name: text('Team name', 120)
});
export type Team = z.infer<typeof Team>;

export { ROLES, ROLE_HOME } from './roles';
export const Role = z.enum(ROLES, { error: 'Role must be caseworker, supervisor or victim' });
export type Role = z.infer<typeof Role>;

export const User = z
	.object({
		id: Id,
		email: Email,
		displayName: text('Name', 120),
		role: Role,
		/** Staff belong to a team; victims do not. */
		teamId: Id.nullable(),
		/** A victim's account is tied to exactly one victim record; staff have none. */
		victimId: Id.nullable(),
		active: z.boolean(),
		createdAt: Instant
	})
	.superRefine((user, ctx) => {
		if (user.role === 'victim') {
			if (user.victimId === null)
				ctx.addIssue({
					code: 'custom',
					path: ['victimId'],
					message: 'A victim account must be linked to a victim'
				});
			if (user.teamId !== null)
				ctx.addIssue({
					code: 'custom',
					path: ['teamId'],
					message: 'A victim account does not belong to a team'
				});
		} else {
			if (user.teamId === null)
				ctx.addIssue({
					code: 'custom',
					path: ['teamId'],
					message: 'A staff account must belong to a team'
				});
			if (user.victimId !== null)
				ctx.addIssue({
					code: 'custom',
					path: ['victimId'],
					message: 'A staff account cannot be linked to a victim'
				});
		}
	});
export type User = z.infer<typeof User>;

/** What the sign-in form accepts. Passwords are not trimmed: spaces can be part of them. */
export const SignInForm = z.object({
	email: Email,
	password: z
		.string({ error: 'Enter your password' })
		.min(1, { error: 'Enter your password' })
		.max(1024, { error: 'Password must be 1024 characters or fewer' })
});
export type SignInForm = z.infer<typeof SignInForm>;
