/**
 * Generated from /openapi.json by `npm run web:types`. Do not edit.
 */

export interface paths {
    "/api/v1/agencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List and search agencies */
        get: {
            parameters: {
                query?: {
                    /** @description ISO 3166-1 alpha-2 */
                    country?: string;
                    cursor?: string;
                    kind?: "secretariat" | "bureau" | "unit" | "international-organisation" | "partner";
                    limit?: number;
                    /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
                    parent?: string;
                    /** @description Matches code or name */
                    q?: string;
                    status?: "active" | "suspended";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Agency"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create an agency: agency admins create units under their bureau; network admins anything */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
                        code: string;
                        /** @description ISO 3166-1 alpha-2 */
                        country?: string;
                        /** @enum {string} */
                        kind: "secretariat" | "bureau" | "unit" | "international-organisation" | "partner";
                        name: string;
                        /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
                        parentCode?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Agency"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agencies/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One agency */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Agency"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename, suspend or reactivate an agency */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @enum {string} */
                        status?: "active" | "suspended";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Agency"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API keys of my agency */
        get: {
            parameters: {
                query?: {
                    agency?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["ApiKey"][];
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key for a machine; the key is shown once
         * @description Permissions default to the creator’s own and can only narrow them.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
                        agency?: string;
                        /** Format: date-time */
                        expiresAt?: string;
                        name: string;
                        permissions?: ("self" | "agencies:read" | "agencies:create" | "agencies:manage" | "users:read" | "users:manage" | "api-keys:manage" | "audit:read" | "records:read" | "records:write" | "records:import" | "hit-notifications:read")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKey: components["schemas"]["ApiKey"];
                            /** Format: uuid */
                            id: string;
                            /** @description The secret key. Shown once: store it now. */
                            key: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKey"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who did what, when: the audit log, newest first
         * @description Network auditors see everything; an agency’s admins and auditors see what their agency did and what was done to its data.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Exact action, or a prefix ending in * */
                    action?: string;
                    /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
                    agency?: string;
                    cursor?: string;
                    from?: string;
                    limit?: number;
                    objectId?: string;
                    objectType?: string;
                    outcome?: "success" | "failure" | "denied";
                    /** @description User or key id, or username */
                    principal?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["AuditEntry"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One audit entry */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditEntry"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with username, password and (when enrolled) a TOTP code
         * @description Sets the HttpOnly session cookie. Cookie-authenticated writes must then send the returned csrfToken as X-CSRF-Token. Failed attempts are throttled per username and then locked.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Current TOTP code */
                        otp?: string;
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionInfo"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out (ends this session) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/mfa/enrol": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start TOTP enrolment: returns the secret, otpauth URI and QR code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            otpauthUri: string;
                            /** @description PNG data URL of the otpauth URI */
                            qrCodeDataUrl: string;
                            /** @description Base32 TOTP secret, for manual entry */
                            secret: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/mfa/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm TOTP enrolment with a first code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        otp: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change my password (ends my other sessions) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events for my agency (hit notifications, review reminders); resumes with Last-Event-ID */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hit-notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hits on my agency’s records: who searched, when, which record, with what outcome */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    unread?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                at: string;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                outcome: "hit" | "restricted-hit" | "hidden";
                                /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
                                owner: string;
                                readAt: string | null;
                                /** Format: uuid */
                                recordId: string;
                                recordSummary: string;
                                scheme: string;
                                /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
                                searcherAgency: string;
                                searcherName: string | null;
                            }[];
                            nextCursor: string | null;
                            unread: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hit-notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a hit notification read */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who am I: user or API key, agency, roles, permissions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agency: components["schemas"]["Agency"];
                            apiKey: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            } | null;
                            csrfToken: string | null;
                            mfaEnrolmentRequired: boolean;
                            permissions: ("self" | "agencies:read" | "agencies:create" | "agencies:manage" | "users:read" | "users:manage" | "api-keys:manage" | "audit:read" | "records:read" | "records:write" | "records:import" | "hit-notifications:read")[];
                            /** @enum {string} */
                            principalType: "user" | "api-key";
                            roles: ("officer" | "supervisor" | "analyst" | "reviewer" | "agency-admin" | "network-admin" | "auditor" | "partner")[];
                            session: {
                                /** Format: date-time */
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                /** Format: date-time */
                                idleExpiresAt: string;
                                idleTimeoutSeconds: number;
                            } | null;
                            user: components["schemas"]["User"] | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change my display name or interface language */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string;
                        locale?: ("en" | "fr" | "es" | "ar") | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My agency’s records */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    kind?: "person" | "travel-document" | "vehicle" | "vessel" | "firearm" | "work-of-art" | "crypto-wallet" | "financial-account" | "cyber-indicator";
                    limit?: number;
                    /** @description Only records whose review date is within six months */
                    reviewDue?: boolean;
                    status?: "active" | "lapsed" | "deleted";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Record"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Record an item in a police database, owned by my agency
         * @description The data is validated against the kind’s schema; identifiers are normalised into search keys. Warnings (e.g. a VIN check digit) do not stop the write.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Validated against the kind’s schema */
                        data: {
                            [key: string]: unknown;
                        };
                        /** @enum {string} */
                        kind: "person" | "travel-document" | "vehicle" | "vessel" | "firearm" | "work-of-art" | "crypto-wallet" | "financial-account" | "cyber-indicator";
                        policy?: {
                            agencies?: string[];
                            countries?: string[];
                            /** @description Source reliability and information accuracy, e.g. B2 */
                            evaluation?: string;
                            /** @enum {string} */
                            handling?: "H0" | "H1" | "H2" | "H3";
                            handlingNote?: string;
                            /** @description Others learn only that the record exists (restricted hit) */
                            hitOnly?: boolean;
                            purpose?: string;
                            /** @enum {string} */
                            tlp?: "CLEAR" | "GREEN" | "AMBER" | "AMBER+STRICT" | "RED";
                            /**
                             * @description all: every member; allow: only the listed agencies/countries; deny: every member but the listed
                             * @enum {string}
                             */
                            visibility: "all" | "allow" | "deny";
                        };
                        /** Format: date-time */
                        reviewAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Record"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/records:export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export my agency’s active records as NDJSON (the import format) */
        get: {
            parameters: {
                query?: {
                    kind?: "person" | "travel-document" | "vehicle" | "vessel" | "firearm" | "work-of-art" | "crypto-wallet" | "financial-account" | "cyber-indicator";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/records:import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import records owned by my agency from NDJSON or CSV
         * @description Content-Type application/x-ndjson (one POST /records body per line) or text/csv (header row; columns name data fields by path, e.g. number, names.0.full, nationalities[], policy.visibility). mode=all-or-nothing (default) writes nothing if any line is invalid; skip-invalid writes the valid lines. Answers a per-line validation report.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Default kind for CSV rows without a kind column */
                    kind?: "person" | "travel-document" | "vehicle" | "vessel" | "firearm" | "work-of-art" | "crypto-wallet" | "financial-account" | "cyber-indicator";
                    mode?: "all-or-nothing" | "skip-invalid";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            durationMs: number;
                            imported: number;
                            /** @description The first 1,000 invalid lines, with the failing fields */
                            invalid: {
                                errors: {
                                    field: string;
                                    message: string;
                                }[];
                                line: number;
                            }[];
                            invalidCount: number;
                            /** @enum {string} */
                            mode: "all-or-nothing" | "skip-invalid";
                            total: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/records/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One record, if its owner’s policy lets me see it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Record"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a record (owner only): it stops answering searches; the act is kept in its history */
        delete: {
            parameters: {
                query: {
                    reason: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Record"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Correct a record, change its policy or mute its hit notifications (owner only; a new version) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data?: {
                            [key: string]: unknown;
                        };
                        notificationsMuted?: boolean;
                        policy?: {
                            agencies?: string[];
                            countries?: string[];
                            /** @description Source reliability and information accuracy, e.g. B2 */
                            evaluation?: string;
                            /** @enum {string} */
                            handling?: "H0" | "H1" | "H2" | "H3";
                            handlingNote?: string;
                            /** @description Others learn only that the record exists (restricted hit) */
                            hitOnly?: boolean;
                            purpose?: string;
                            /** @enum {string} */
                            tlp?: "CLEAR" | "GREEN" | "AMBER" | "AMBER+STRICT" | "RED";
                            /**
                             * @description all: every member; allow: only the listed agencies/countries; deny: every member but the listed
                             * @enum {string}
                             */
                            visibility: "all" | "allow" | "deny";
                        };
                        /** @description Why the record was corrected */
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Record"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/records/{id}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm the record is still needed: move its review date (restores a lapsed record) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        /** Format: date-time */
                        until?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Record"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/records/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Versions of a record (owner only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                /** Format: date-time */
                                changedAt: string;
                                changedBy: string;
                                data: {
                                    [key: string]: unknown;
                                } | null;
                                policy: {
                                    [key: string]: unknown;
                                } | null;
                                reason: string | null;
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Free search: recognises what was typed (document, IBAN, wallet, IP, …) and checks it */
        get: {
            parameters: {
                query: {
                    q: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            interpretations: {
                                scheme: string;
                                value: string;
                            }[];
                            results: components["schemas"]["SearchResult"][];
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search/identifiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hit/no-hit checks of up to 10,000 identifiers
         * @description One result per query, in order: hit (the records I may see), restricted-hit (a record exists that I may not see: its owner and a hit reference to quote), or no-hit. Every hit notifies the owner.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        queries: {
                            /** @description For wallets: bitcoin, ethereum, … */
                            chain?: string;
                            /** @description ISO 3166-1 alpha-2 */
                            country?: string;
                            /** @enum {string} */
                            scheme: "document" | "mrz" | "vin" | "plate" | "imo" | "hull" | "firearm-serial" | "iban" | "account" | "wallet" | "ip" | "domain" | "url" | "email" | "phone" | "hash";
                            value: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: components["schemas"]["SearchResult"][];
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My active sessions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                current: boolean;
                                /** Format: date-time */
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                ip: string | null;
                                /** Format: date-time */
                                lastSeenAt: string;
                                userAgent: string | null;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of my sessions */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users I may see (my agency; all for network staff) */
        get: {
            parameters: {
                query?: {
                    /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
                    agency?: string;
                    cursor?: string;
                    limit?: number;
                    q?: string;
                    status?: "active" | "disabled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["User"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a user in my agency (network admins: any agency) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
                        agency?: string;
                        displayName: string;
                        /** Format: email */
                        email?: string;
                        /** @description Only network admins may turn MFA off */
                        mfaRequired?: boolean;
                        password: string;
                        roles: ("officer" | "supervisor" | "analyst" | "reviewer" | "agency-admin" | "network-admin" | "auditor" | "partner")[];
                        /** @description Lower-case letters, digits, dot, dash, underscore; 3 to 64 characters */
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change roles, status (disable) or details of a user */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string;
                        email?: string | null;
                        locale?: ("en" | "fr" | "es" | "ar") | null;
                        roles?: ("officer" | "supervisor" | "analyst" | "reviewer" | "agency-admin" | "network-admin" | "auditor" | "partner")[];
                        /** @enum {string} */
                        status?: "active" | "disabled";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users/{id}/mfa/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reset a user’s MFA: they enrol again at next sign-in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password for a user (ends their sessions, clears lockout) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alive */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks?: {
                                [key: string]: string;
                            };
                            status: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ready: database reachable and migrations applied */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks?: {
                                [key: string]: string;
                            };
                            status: string;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks?: {
                                [key: string]: string;
                            };
                            status: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Agency: {
            /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
            code: string;
            country: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @enum {string} */
            kind: "secretariat" | "bureau" | "unit" | "international-organisation" | "partner";
            name: string;
            parentCode: string | null;
            /** @enum {string} */
            status: "active" | "suspended";
            /** Format: date-time */
            updatedAt: string;
        };
        ApiKey: {
            /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
            agency: string;
            /** Format: date-time */
            createdAt: string;
            createdBy: string | null;
            expiresAt: string | null;
            /** Format: uuid */
            id: string;
            lastUsedAt: string | null;
            name: string;
            permissions: ("self" | "agencies:read" | "agencies:create" | "agencies:manage" | "users:read" | "users:manage" | "api-keys:manage" | "audit:read" | "records:read" | "records:write" | "records:import" | "hit-notifications:read")[];
            /** @description The public start of the key, to recognise it */
            prefix: string;
            revokedAt: string | null;
            /** @enum {string} */
            status: "active" | "expired" | "revoked";
        };
        AuditEntry: {
            /** @description What was done: auth.login, user.create, api-key.revoke, … */
            action: string;
            agency: string | null;
            /** Format: date-time */
            at: string;
            details: {
                [key: string]: unknown;
            } | null;
            hash: string;
            /** Format: uuid */
            id: string;
            objectAgency: string | null;
            objectId: string | null;
            objectType: string | null;
            /** @enum {string} */
            outcome: "success" | "failure" | "denied";
            principalId: string | null;
            principalName: string | null;
            /** @enum {string} */
            principalType: "user" | "api-key" | "system" | "anonymous";
            queryFingerprint: string | null;
            requestId: string | null;
            resultCount: number | null;
            /** @description Position in the hash chain */
            seq: number;
        };
        HitNotification: {
            /** Format: date-time */
            at: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            outcome: "hit" | "restricted-hit" | "hidden";
            /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
            owner: string;
            readAt: string | null;
            /** Format: uuid */
            recordId: string;
            recordSummary: string;
            scheme: string;
            /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
            searcherAgency: string;
            searcherName: string | null;
        };
        /** @description RFC 9457 problem details */
        Problem: {
            detail?: string;
            errors?: {
                /** @description JSON Pointer to the failing input, prefixed by the request part */
                field: string;
                message: string;
            }[];
            instance?: string;
            status: number;
            title: string;
            /** @description Stable problem type URN, for example urn:concord:problem:validation */
            type: string;
        } & {
            [key: string]: unknown;
        };
        Record: {
            /** Format: date-time */
            createdAt: string;
            /** @description The kind’s fields (see the RecordData… schemas) */
            data: {
                [key: string]: unknown;
            };
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "person" | "travel-document" | "vehicle" | "vessel" | "firearm" | "work-of-art" | "crypto-wallet" | "financial-account" | "cyber-indicator";
            /** @description Shown to the owner only */
            notificationsMuted?: boolean;
            /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
            owner: string;
            policy: components["schemas"]["RecordPolicy"];
            /** Format: date-time */
            reviewAt: string;
            /** @enum {string} */
            status: "active" | "lapsed" | "deleted";
            summary: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
            warnings?: {
                field: string;
                message: string;
            }[];
        };
        /**
         * RecordDataCryptoWallet
         * @description A cryptocurrency wallet address
         */
        "RecordData-crypto-wallet": {
            /** @description The address, checked per chain (Base58Check, bech32/bech32m, EIP-55 mixed-case checksum, Monero checksum) */
            address: string;
            /**
             * @description The blockchain the address belongs to
             * @enum {string}
             */
            chain: "bitcoin" | "ethereum" | "litecoin" | "dogecoin" | "tron" | "monero";
        };
        /**
         * RecordDataCyberIndicator
         * @description An indicator of compromise or of criminal infrastructure
         */
        "RecordData-cyber-indicator": {
            /** @description What the indicator is and how it was used */
            description?: string;
            /** @description First seen: ISO 8601 date or date-time */
            firstSeen?: string;
            /** @description Last seen: ISO 8601 date or date-time */
            lastSeen?: string;
            /**
             * @description ip (IPv4/IPv6 address or CIDR range), domain, url, email, phone or hash (MD5, SHA-1, SHA-256, SHA-512)
             * @enum {string}
             */
            type: "ip" | "domain" | "url" | "email" | "phone" | "hash";
            /** @description The indicator; defanged forms (hxxp://evil[.]com) are accepted. Phone numbers in international format (+…); hashes as hex, optionally prefixed by their type ("sha256:…") */
            value: string;
        };
        /**
         * RecordDataFinancialAccount
         * @description A bank account: give iban, or accountNumber with bankId (or both)
         */
        "RecordData-financial-account": {
            /** @description Account number, for accounts without an IBAN; requires bankId */
            accountNumber?: string;
            /** @description Identifier of the bank for accountNumber: BIC, routing number, sort code or national bank code */
            bankId?: string;
            /** @description Name of the bank */
            bankName?: string;
            /** @description Account holder as known to the bank */
            holder?: string;
            /** @description IBAN, with or without spaces; check digits and length are verified */
            iban?: string;
        };
        /**
         * RecordDataFirearm
         * @description A lost, stolen or trafficked firearm
         */
        "RecordData-firearm": {
            /** @description Calibre, e.g. 9×19mm or 12 gauge */
            calibre?: string;
            /** @description Manufacturer, e.g. Glock */
            make: string;
            /** @description Model, e.g. 17 */
            model?: string;
            /** @description Serial number as engraved; case, spaces, dashes and dots are ignored when searching, leading zeros are not */
            serialNumber: string;
            /**
             * @description Type of firearm
             * @enum {string}
             */
            type?: "pistol" | "revolver" | "rifle" | "shotgun" | "submachine-gun" | "machine-gun" | "launcher" | "other";
        };
        /**
         * RecordDataPerson
         * @description A person (nominal data)
         */
        "RecordData-person": {
            /** @description Country of birth, ISO 3166-1 alpha-2 */
            countryOfBirth?: string;
            /** @description Full or partial date of birth: YYYY, YYYY-MM or YYYY-MM-DD; a real date, not in the future */
            dateOfBirth?: string;
            /** @description Identity documents; their numbers are the search keys */
            documents?: {
                /** @description Issuing country, ISO 3166-1 alpha-2 */
                issuingCountry: string;
                /** @description Document number as printed; spaces, dashes and MRZ fillers are ignored when searching */
                number: string;
                /**
                 * @description Kind of document
                 * @enum {string}
                 */
                type: "passport" | "id-card" | "visa" | "residence-permit" | "driving-licence" | "other";
            }[];
            /** @description Scars, tattoos and other distinguishing marks */
            marks?: string[];
            /** @description Every known name: birth name, aliases, name in the original script…; the first is the main one */
            names: {
                /** @description Family name(s) */
                family?: string;
                /** @description The name as written in its script, e.g. "Анна Эрикссон" or "ERIKSSON Anna Maria" */
                full: string;
                /** @description Given name(s) */
                given?: string;
                /** @description ISO 15924 script code: Latn, Cyrl, Arab, Hani, Hang… */
                script?: string;
                /**
                 * @description birth name, alias, name in the original script, married name or other
                 * @enum {string}
                 */
                type?: "birth" | "alias" | "original-script" | "married" | "other";
            }[];
            /** @description Nationalities, ISO 3166-1 alpha-2 */
            nationalities?: string[];
            /** @description Photographs: ids of stored attachments */
            photos?: string[];
            /** @description Place of birth as known */
            placeOfBirth?: string;
            /**
             * @description Sex as on travel documents: M, F or U (unknown or unspecified)
             * @enum {string}
             */
            sex?: "M" | "F" | "U";
            /**
             * @description wanted, missing, suspect, known offender or unidentified (e.g. unidentified remains)
             * @enum {string}
             */
            status: "wanted" | "missing" | "suspect" | "known-offender" | "unidentified";
        };
        /**
         * RecordDataTravelDocument
         * @description A stolen, lost, revoked or invalidated travel document
         */
        "RecordData-travel-document": {
            /**
             * Format: date
             * @description Date of expiry, YYYY-MM-DD
             */
            expiryDate?: string;
            /**
             * Format: date
             * @description Date of issue, YYYY-MM-DD
             */
            issueDate?: string;
            /** @description Issuing country, ISO 3166-1 alpha-2; must be the recording bureau’s own country */
            issuingCountry: string;
            /** @description The machine-readable zone (ICAO 9303), lines separated by newlines; checked against number and country */
            mrz?: string;
            /** @description Document number as printed (for a blank document, its serial number); spaces, dashes, dots and MRZ fillers are ignored when searching */
            number: string;
            /**
             * @description stolen, lost, revoked or invalidated
             * @enum {string}
             */
            status: "stolen" | "lost" | "revoked" | "invalidated";
            /**
             * @description passport, id-card, visa, residence-permit, blank-document or other
             * @enum {string}
             */
            type: "passport" | "id-card" | "visa" | "residence-permit" | "blank-document" | "other";
        };
        /**
         * RecordDataVehicle
         * @description A stolen or wanted motor vehicle
         */
        "RecordData-vehicle": {
            /** @description Main colour */
            colour?: string;
            /** @description Manufacturer, e.g. Toyota */
            make?: string;
            /** @description Model, e.g. Hilux */
            model?: string;
            /** @description Registration plate as shown; requires registrationCountry */
            plate?: string;
            /** @description Country of registration of the plate, ISO 3166-1 alpha-2 */
            registrationCountry?: string;
            /** @description Vehicle identification number (ISO 3779), 17 characters; spaces and dashes are ignored. A check digit that does not match is a warning, not an error */
            vin: string;
            /** @description Model year */
            year?: number;
        };
        /**
         * RecordDataVessel
         * @description A stolen or wanted vessel; at least one of imo and hullId is required
         */
        "RecordData-vessel": {
            /** @description Flag state, ISO 3166-1 alpha-2 */
            flag?: string;
            /** @description Hull identification number (ISO 10087 HIN/CIN, e.g. "FR-ABC12345D404") or the shipyard hull number */
            hullId?: string;
            /** @description IMO ship identification number, e.g. "IMO 9074729" or "9074729" */
            imo?: string;
            /** @description Name of the vessel */
            name?: string;
        };
        /**
         * RecordDataWorkOfArt
         * @description A stolen or trafficked cultural object
         */
        "RecordData-work-of-art": {
            /** @description Artist, workshop or culture, e.g. "School of Benin" */
            artist?: string;
            /** @description Materials, technique, inscriptions, marks, condition */
            description?: string;
            /** @description Dimensions as measured, e.g. "65 × 54 cm" */
            dimensions?: string;
            /** @description Images of the object: ids of stored attachments */
            images?: string[];
            /** @description Type of object: painting, sculpture, mask, manuscript, coin, icon… */
            objectType: string;
            /** @description Title or short description of the object, e.g. "Portrait of a Lady" */
            title: string;
        };
        RecordPolicy: {
            agencies?: string[];
            countries?: string[];
            /** @description Source reliability and information accuracy, e.g. B2 */
            evaluation?: string;
            /** @enum {string} */
            handling?: "H0" | "H1" | "H2" | "H3";
            handlingNote?: string;
            /** @description Others learn only that the record exists (restricted hit) */
            hitOnly?: boolean;
            purpose?: string;
            /** @enum {string} */
            tlp?: "CLEAR" | "GREEN" | "AMBER" | "AMBER+STRICT" | "RED";
            /**
             * @description all: every member; allow: only the listed agencies/countries; deny: every member but the listed
             * @enum {string}
             */
            visibility: "all" | "allow" | "deny";
        };
        SearchResult: {
            hitRef?: string;
            /** @enum {string} */
            outcome: "hit" | "restricted-hit" | "no-hit";
            /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
            owner?: string;
            records?: {
                data: {
                    [key: string]: unknown;
                };
                /** Format: uuid */
                id: string;
                kind: string;
                /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
                owner: string;
                policy: components["schemas"]["RecordPolicy"];
                summary: string;
            }[];
            restricted?: {
                /** @description Quote it when asking the owner */
                hitRef: string;
                kind: string;
                /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
                owner: string;
            }[];
            warnings?: string[];
        };
        SessionInfo: {
            agency: components["schemas"]["Agency"];
            /** @description Send as X-CSRF-Token on cookie-authenticated writes */
            csrfToken: string;
            /** Format: date-time */
            expiresAt: string;
            idleTimeoutSeconds: number;
            /** @description True until the user enrols TOTP; until then only the MFA endpoints work */
            mfaEnrolmentRequired: boolean;
            permissions: ("self" | "agencies:read" | "agencies:create" | "agencies:manage" | "users:read" | "users:manage" | "api-keys:manage" | "audit:read" | "records:read" | "records:write" | "records:import" | "hit-notifications:read")[];
            roles: ("officer" | "supervisor" | "analyst" | "reviewer" | "agency-admin" | "network-admin" | "auditor" | "partner")[];
            user: components["schemas"]["User"];
        };
        User: {
            /** @description Stable agency code: KE, KE-CYBER, SECRETARIAT */
            agency: string;
            /** Format: date-time */
            createdAt: string;
            displayName: string;
            email: string | null;
            /** Format: uuid */
            id: string;
            locale: string | null;
            mfaEnabled: boolean;
            mfaRequired: boolean;
            roles: ("officer" | "supervisor" | "analyst" | "reviewer" | "agency-admin" | "network-admin" | "auditor" | "partner")[];
            /** @enum {string} */
            status: "active" | "disabled";
            /** Format: date-time */
            updatedAt: string;
            username: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
