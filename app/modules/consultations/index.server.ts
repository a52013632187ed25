// The consultations module's public surface on the server: other code imports from here, never deeper.
export { readConsultationForm } from "./form.server";
export { getConsultation, getConsultationBySlug, listConsultations, publicConsultationBySlug, searchableConsultations } from "./queries.server";
export { createConsultation, updateConsultation } from "./service.server";
