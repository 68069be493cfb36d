// The framework's words, from _locales (French first).

import type { Strings } from "../framework/strings";
import { prefersEnglish, t } from "../shared/i18n";

export function strings(): Strings {
  return {
    severity: { critical: t("severityCritical"), warning: t("severityWarning"), info: t("severityInfo") },
    category: {
      secret_medical: t("categorySecretMedical"),
      droit_image: t("categoryDroitImage"),
      propriete_intellectuelle: t("categoryProprieteIntellectuelle"),
      diffamation_injure: t("categoryDiffamationInjure"),
      devoir_reserve: t("categoryDevoirReserve"),
      verification_sources: t("categoryVerificationSources"),
      compte_officiel: t("categoryCompteOfficiel"),
    },
    cardGuide: t("cardGuide"),
    cardReadSection: t("cardReadSection"),
    cardSuggestion: t("cardSuggestion"),
    cardClose: t("cardClose"),
    dialogTitle: t("dialogTitle"),
    dialogIntro: t("dialogIntro"),
    dialogAcknowledge: t("dialogAcknowledge"),
    dialogReason: (min) => t("dialogReason", String(min)),
    dialogBack: t("dialogBack"),
    dialogPublish: t("dialogPublish"),
    dialogPhoto: (name) => t("dialogPhoto", name),
    quoted: (text) => t("quoted", text),
    dialogPhotoChecking: (quoted) => t("dialogPhotoChecking", quoted),
    dialogPhotosChecking: (quoted) => t("dialogPhotosChecking", quoted),
    english: prefersEnglish(),
  };
}
