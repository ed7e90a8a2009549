export * from './primitives';
export * from './locale';
export * from './password-rules';
export * from './reference-data';
export * from './people';
export * from './victim';
export * from './victim-changes';
export * from './case';
export * from './hearing';
export * from './referral';
export * from './contact';
export * from './rights-record';
export * from './format';
export * from './validation';
export * from './code-rules';
export * from './waiver';
export * from './bank-holidays';
export {
	addWorkingDays,
	bankHolidayDataYears,
	bankHolidaysIn,
	InvalidArgumentError,
	isWorkingDay,
	londonDate,
	statutoryBankHolidays,
	useBankHolidays,
	type HolidaySource
} from './working-days';
export * from './obligations';
export * from './compliance';
export * from './team';
export * from './casework';
export * from './timeline';
export * from './policies';
export * from './sync-protocol';
export * from './describe-change';
export * from './notifications';
