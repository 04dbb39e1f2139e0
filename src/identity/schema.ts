import { type Static, Type } from '@sinclair/typebox';
import { PERMISSIONS, ROLES } from '../access/permissions.ts';
import {
  AgencyCode,
  CountryCode,
  DateTime,
  Limit,
  Page,
  StringEnum,
  Text,
  Uuid,
} from '../platform/schema.ts';

export const RoleSchema = StringEnum(ROLES, { description: 'A role held by a user' });
export const PermissionSchema = StringEnum(PERMISSIONS, { description: 'A permission a route needs' });
export const AgencyKindSchema = StringEnum([
  'secretariat',
  'bureau',
  'unit',
  'international-organisation',
  'partner',
]);
const AgencyStatus = StringEnum(['active', 'suspended']);
const UserStatus = StringEnum(['active', 'disabled']);

export const AgencySchema = Type.Object(
  {
    code: AgencyCode,
    name: Type.String(),
    kind: AgencyKindSchema,
    country: Type.Union([CountryCode, Type.Null()]),
    parentCode: Type.Union([AgencyCode, Type.Null()]),
    status: AgencyStatus,
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'Agency' },
);
export type AgencyDto = Static<typeof AgencySchema>;

export const AgencyListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Matches code or name' })),
    kind: Type.Optional(AgencyKindSchema),
    country: Type.Optional(CountryCode),
    parent: Type.Optional(AgencyCode),
    status: Type.Optional(AgencyStatus),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type AgencyListQuery = Static<typeof AgencyListQuery>;

export const AgencyCreate = Type.Object(
  {
    code: AgencyCode,
    name: Text({ minLength: 2, maxLength: 200 }),
    kind: AgencyKindSchema,
    country: Type.Optional(CountryCode),
    parentCode: Type.Optional(AgencyCode),
  },
  { additionalProperties: false },
);
export type AgencyCreate = Static<typeof AgencyCreate>;

export const AgencyUpdate = Type.Object(
  {
    name: Type.Optional(Text({ minLength: 2, maxLength: 200 })),
    status: Type.Optional(AgencyStatus),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AgencyUpdate = Static<typeof AgencyUpdate>;

export const UserSchema = Type.Object(
  {
    id: Uuid,
    username: Type.String(),
    displayName: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    agency: AgencyCode,
    roles: Type.Array(RoleSchema),
    status: UserStatus,
    mfaRequired: Type.Boolean(),
    mfaEnabled: Type.Boolean(),
    locale: Type.Union([Type.String(), Type.Null()]),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'User' },
);
export type UserDto = Static<typeof UserSchema>;

export const Username = Type.String({
  pattern: '^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$',
  description: 'Lower-case letters, digits, dot, dash, underscore; 3 to 64 characters',
});
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
export const Locale = StringEnum(['en', 'fr', 'es', 'ar']);

export const UserCreate = Type.Object(
  {
    username: Username,
    displayName: Text({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    agency: Type.Optional(AgencyCode),
    roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
    password: Password,
    mfaRequired: Type.Optional(Type.Boolean({ description: 'Only network admins may turn MFA off' })),
  },
  { additionalProperties: false },
);
export type UserCreate = Static<typeof UserCreate>;

export const UserUpdate = Type.Object(
  {
    displayName: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 320 }), Type.Null()])),
    roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, uniqueItems: true })),
    status: Type.Optional(UserStatus),
    locale: Type.Optional(Type.Union([Locale, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UserUpdate = Static<typeof UserUpdate>;

export const UserListQuery = Type.Object(
  {
    agency: Type.Optional(AgencyCode),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(UserStatus),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const LoginRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200 }),
    password: Password,
    otp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'Current TOTP code' })),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const SessionInfo = Type.Object(
  {
    user: Type.Ref('User'),
    agency: Type.Ref('Agency'),
    roles: Type.Array(RoleSchema),
    permissions: Type.Array(PermissionSchema),
    csrfToken: Type.String({ description: 'Send as X-CSRF-Token on cookie-authenticated writes' }),
    mfaEnrolmentRequired: Type.Boolean({
      description: 'True until the user enrols TOTP; until then only the MFA endpoints work',
    }),
    expiresAt: DateTime,
    idleTimeoutSeconds: Type.Integer(),
  },
  { $id: 'SessionInfo' },
);

export const MeResponse = Type.Object({
  principalType: StringEnum(['user', 'api-key']),
  user: Type.Union([Type.Ref('User'), Type.Null()]),
  apiKey: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  agency: Type.Ref('Agency'),
  roles: Type.Array(RoleSchema),
  permissions: Type.Array(PermissionSchema),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  mfaEnrolmentRequired: Type.Boolean(),
  session: Type.Union([
    Type.Object({
      id: Uuid,
      expiresAt: DateTime,
      idleExpiresAt: DateTime,
      idleTimeoutSeconds: Type.Integer(),
    }),
    Type.Null(),
  ]),
});

export const MfaEnrolResponse = Type.Object({
  secret: Type.String({ description: 'Base32 TOTP secret, for manual entry' }),
  otpauthUri: Type.String(),
  qrCodeDataUrl: Type.String({ description: 'PNG data URL of the otpauth URI' }),
});

export const MfaEnrolBody = Type.Union([
  Type.Object(
    {
      currentPassword: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 1024,
          description:
            'Needed to add a factor from a signed-in session (not at the enrolment sign-in asks for): a stolen session alone cannot attach its own authenticator',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  Type.Null(),
]);

export const OtpBody = Type.Object(
  { otp: Type.String({ pattern: '^[0-9]{6}$' }) },
  { additionalProperties: false },
);

export const PasswordChange = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const SessionSchema = Type.Object({
  id: Uuid,
  createdAt: DateTime,
  lastSeenAt: DateTime,
  expiresAt: DateTime,
  current: Type.Boolean(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
});

export const ApiKeySchema = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    agency: AgencyCode,
    prefix: Type.String({ description: 'The public start of the key, to recognise it' }),
    permissions: Type.Array(PermissionSchema, { description: 'What the key was given' }),
    effectivePermissions: Type.Array(PermissionSchema, {
      description:
        'What the key may do now: what it was given, within what the person who made it may still do (none once that person is disabled)',
    }),
    createdBy: Type.Union([Uuid, Type.Null()], {
      description:
        'The person behind the key (through a key they made too); null for keys made by the command line',
    }),
    createdAt: DateTime,
    expiresAt: Type.Union([DateTime, Type.Null()]),
    revokedAt: Type.Union([DateTime, Type.Null()]),
    lastUsedAt: Type.Union([DateTime, Type.Null()]),
    status: StringEnum(['active', 'expired', 'revoked']),
  },
  { $id: 'ApiKey' },
);

export const ApiKeyCreate = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 100 }),
    permissions: Type.Optional(
      Type.Array(PermissionSchema, {
        uniqueItems: true,
        minItems: 1,
        description:
          'What the key may do: among its creator’s permissions, and those a role of the key’s agency may have. Left out: all of its creator’s that the agency may have',
      }),
    ),
    expiresAt: Type.Optional(DateTime),
    agency: Type.Optional(AgencyCode),
  },
  { additionalProperties: false },
);
export type ApiKeyCreate = Static<typeof ApiKeyCreate>;

export const ApiKeyCreated = Type.Object({
  id: Uuid,
  key: Type.String({ description: 'The secret key. Shown once: store it now.' }),
  apiKey: Type.Ref('ApiKey'),
});

export const IdParam = Type.Object({ id: Uuid }, { additionalProperties: false });
export const CodeParam = Type.Object({ code: AgencyCode }, { additionalProperties: false });

export { Page };
