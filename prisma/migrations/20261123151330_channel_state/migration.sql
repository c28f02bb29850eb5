-- AlterTable
ALTER TABLE "ChannelAccount" ADD COLUMN "state" TEXT;

